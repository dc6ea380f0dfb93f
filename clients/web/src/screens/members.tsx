import { Page } from '../ui';

export function Members({ id }: { id?: string }) {
  return <Page title="Members">{id}</Page>;
}
