import { Page } from '../ui';

export function WalletScreen() {
  return <Page title="Wallet">{null}</Page>;
}
