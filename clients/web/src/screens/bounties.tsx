import { Page } from '../ui';

export function Bounties({ id }: { id?: string }) {
  return <Page title="Bounties">{id}</Page>;
}
