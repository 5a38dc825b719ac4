import { getConfig } from '@/lib/env';
import { SignOutConfirmation } from './sign-out-confirmation';

export const metadata = { title: 'Sign out' };
export const dynamic = 'force-dynamic';

export default function SignOutPage() {
  const { authorityHost, tenantId, publicUrl } = getConfig();
  const logout = new URL(`${authorityHost}/${tenantId}/oauth2/v2.0/logout`);
  logout.searchParams.set('post_logout_redirect_uri', `${publicUrl}/signed-out`);
  return <SignOutConfirmation entraLogoutUrl={logout.toString()} />;
}
