import { SignedInShell } from '@/components/shell/signed-in-shell';

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return <SignedInShell>{children}</SignedInShell>;
}
