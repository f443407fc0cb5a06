/** The words of the staff sign-in card (agent console and Client Admin Portal, English), kept apart from its code so they can be translated as a whole. */
export const SIGN_IN_WORDS = {
  brand: 'Reactive Chat',
  subtitle: 'Sign in with your work email.',
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
  failed: 'Sign-in failed. Try again.',
} as const;
