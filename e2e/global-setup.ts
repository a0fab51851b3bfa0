// Builds the fixture videos from the bundled sample photos before any browser starts.
import { ensureFixture } from '../src/fixture/samples.ts';

export default async function globalSetup(): Promise<void> {
  if (!process.env.E2E_FIXTURE) await ensureFixture('three-faces');
}
