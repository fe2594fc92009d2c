import type { AppContext } from './app-context';

/** Runs a command body with the app context, and always closes its connections afterwards. */
export async function withAppContext<T>(
  context: () => AppContext,
  body: (appContext: AppContext) => Promise<T>,
): Promise<T> {
  const appContext = context();
  try {
    return await body(appContext);
  } finally {
    await appContext.close();
  }
}
