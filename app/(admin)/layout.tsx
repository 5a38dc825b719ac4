import { SignedInShell } from '@/components/shell/signed-in-shell';

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <SignedInShell>{children}</SignedInShell>;
}
