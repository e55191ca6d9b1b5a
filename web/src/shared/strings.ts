/** English strings of the pieces every staff area shares (sign-in, layout, errors). */
export const sharedStrings = {
  signIn: {
    title: "Sign in",
    intro: "Sign in with your Switchboard account.",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    wrong: "Wrong username or password.",
    tooMany: "Too many attempts. Wait a minute, then try again.",
  },
  layout: {
    skipToContent: "Skip to content",
    mainNavigation: "Main",
    signedInAs: (name: string, role: string) => `Signed in as ${name} (${role})`,
    signOut: "Sign out",
  },
  loading: "Loading…",
  retry: "Try again",
  errorTitle: "Something went wrong",
  forbidden: "Your role does not allow this.",
  unexpected: (message: string) => `The platform answered: ${message}`,
} as const;
