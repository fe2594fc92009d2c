async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The client secret, from an environment variable or standard input: never from an argument (shell history). */
export async function clientSecretFrom(options: {
  clientSecretEnv?: string;
  clientSecretStdin?: boolean;
}): Promise<string | undefined> {
  if (options.clientSecretEnv) {
    const value = process.env[options.clientSecretEnv];
    if (!value)
      throw new Error(`--client-secret-env ${options.clientSecretEnv}: the variable is not set or empty`);
    return value;
  }
  if (options.clientSecretStdin) {
    const value = await readStdin();
    if (!value) throw new Error('--client-secret-stdin: nothing was read from standard input');
    return value;
  }
  return undefined;
}
