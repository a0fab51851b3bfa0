// A user's own emotion model may load fine and still throw on real frames (an op the backend
// lacks, a shape it did not expect). Then the app goes back to the built-in model with a message
// instead of stopping the camera with an error.
import { errorDetail } from './coded-error';

export interface ModelFallbackHost {
  /** True while a user's own model is in use. */
  readonly usingUserModel: boolean;
  /** Switches back to the shipped model and shows `reason` to the user. */
  useBuiltInModel(reason: string): Promise<void>;
}

export function userModelFailedMessage(e: unknown): string {
  return `Your own model failed on a frame (${errorDetail(e)}): switched back to the built-in model.`;
}

/**
 * Runs one frame's inference. If it throws while a user model is active, restores the built-in
 * model and resolves to null (the frame is skipped; the next one uses the built-in model).
 * Errors of the built-in model are not the user's fault and propagate.
 */
export async function guardInference<T>(host: ModelFallbackHost, run: () => Promise<T>): Promise<T | null> {
  if (!host.usingUserModel) return run();
  try {
    return await run();
  } catch (e) {
    // Already switched back while this frame ran (by the user): nothing to undo, skip the frame.
    if (host.usingUserModel) await host.useBuiltInModel(userModelFailedMessage(e));
    return null;
  }
}
