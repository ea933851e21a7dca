// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * Wait until a check passes, or fail with its last error
 * @param check - Throws (or rejects) until what it waits for holds
 * @param timeoutMs - The longest wait
 * @param intervalMs - The pause between two tries
 */
export async function eventually(
  check: () => unknown | Promise<unknown>,
  timeoutMs = 10000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
}
