import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import { requireUser } from '@/lib/auth/session';
import { diagnoseConsoleCall } from '@/lib/console/diagnose-console-call';
import { loadDoctorChoices } from '@/lib/doctor/token-doctor';
import type { UserDiagnosis } from '@/lib/doctor/diagnose-for-user';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { TokenDoctorForm } from './token-doctor-form';

export const metadata = { title: 'Token doctor' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function consoleCallDiagnosis(
  user: Awaited<ReturnType<typeof requireUser>>,
  callId: string,
): Promise<{ result?: UserDiagnosis; error?: string }> {
  try {
    return { result: await diagnoseConsoleCall(user, callId) };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    throw error;
  }
}

export default async function TokensPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const { call } = await searchParams;
  const [choices, fromConsole] = await Promise.all([
    loadDoctorChoices(),
    typeof call === 'string' && call ? consoleCallDiagnosis(user, call) : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader
        title="Token doctor"
        description="Paste an access token to see its claims and whether the gateway would accept it for an API and operation, checked against the exact validate-jwt policy the gateway enforces. Tokens are checked on the server and not stored."
      />
      {fromConsole?.error ? <Notice tone="warn">{fromConsole.error}</Notice> : null}
      {fromConsole?.result ? (
        <section aria-label="Console token" className="mb-10">
          <h2 className="mb-2 text-lg font-semibold">
            The token of your console call
            {fromConsole.result.target
              ? ` to ${fromConsole.result.target.operationName ?? ''} on ${fromConsole.result.target.apiName}`
              : ''}
          </h2>
          <DiagnosisView diagnosis={fromConsole.result.diagnosis} requestAccess={fromConsole.result.requestAccess} />
        </section>
      ) : null}
      <TokenDoctorForm choices={choices} />
    </>
  );
}
