import { Page } from '../ui';

export function Commissary({ id }: { id?: string }) {
  return <Page title="Commissary">{id}</Page>;
}
