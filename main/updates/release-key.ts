/**
 * The public keys whose Ed25519 signature an update feed must carry (main/updates/policy.ts). The
 * private key never enters this repository: whoever publishes releases keeps it and signs each feed
 * file with scripts/sign-update-feed.mjs. A second key may be listed here ahead of a key change.
 */
export const RELEASE_PUBLIC_KEYS: readonly string[] = [
  `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA8lOF/tadbfNLKoRIlYT/vA5kLJ4JMhTN4XcbBTvltG4=
-----END PUBLIC KEY-----`,
];
