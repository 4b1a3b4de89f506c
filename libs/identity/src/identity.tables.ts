/**
 * The tables identity owns and the views it declares as its public read model: no other lib's SQL
 * names these tables (test/architecture.e2e-spec.ts checks it; CONTRIBUTING.md "Tables").
 */
export const OWNED = {
  tables: ['users', 'auth_tokens', 'auth_throttle', 'user_mfa', 'user_mfa_recovery_codes', 'auth_mfa_challenges', 'auth_email_tokens'],
  views: [],
} as const;
