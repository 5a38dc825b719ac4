/** Who may hold an app role, in words: Entra's allowedMemberTypes "User" (people and groups) and "Application". */
export function holdersOf(allowedMemberTypes: readonly string[]): 'people' | 'applications' | 'people and applications' | 'nobody' {
  const people = allowedMemberTypes.includes('User');
  const apps = allowedMemberTypes.includes('Application');
  return people && apps ? 'people and applications' : people ? 'people' : apps ? 'applications' : 'nobody';
}
