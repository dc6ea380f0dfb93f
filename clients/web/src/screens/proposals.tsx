import { Page } from '../ui';

export function Proposals({ id }: { id?: string }) {
  return <Page title="Proposals">{id}</Page>;
}
