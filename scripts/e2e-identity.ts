/**
 * Origins the e2e build is pre-granted, so automated tests go through the same
 * "granted origin → registered content script" path a user's click takes. The
 * production build has none: host access is only ever optional and per server.
 */
export const E2E_ORIGINS = ['https://127.0.0.1/*', 'https://localhost/*'];

/**
 * The e2e build's fixed identity (a public key only; no private key exists or is
 * needed), so tests can address it from an enterprise policy file. Its id is
 * jmcefhogeifgogdbahoiolgdggbolffm. Unpacked production builds get a path-derived id instead.
 */
export const E2E_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA2WqGHQDEoUEjHZYQzQMzrDYKdWRNiCt456ccLtEMuybIqcn0oVzseRNLH+prKEimzRLl/sBQZd+AHepUTwkhw6uMFEn6o6zWwIK+YhJnZuRna5idVftwPdgzsfwpDrlYe4Fdn3xEUTzEaE8pzOT8fKZAScWtwSv7/2jsRDrKaUBHjdnFfTPlKcKcpeT5xt6OJUz+egVPV8HFepUET7J02AUrrB5b6hVL7+VLzVZ2VvmtsPIkQkGg7lhgqSkZ+KkFGKmedl6NNZWVSKs9+QeypwdYwAsI5qVeFeEGUFiGbUNl99Sh5LdVcMbOJC3XeKWEK0vj6HZZf1yp/pRkWD8JNwIDAQAB';
export const E2E_EXTENSION_ID = 'jmcefhogeifgogdbahoiolgdggbolffm';
