// Builds the fixture videos from the bundled sample photos before any browser starts.
import { ensureFixture } from '../src/fixture/samples.ts';

export default async function globalSetup(): Promise<void> {
  if (!process.env.E2E_FIXTURE) await ensureFixture('three-faces');
  // The six sample photos as one 1280×720 crowd (20 small faces), for the classroom specs.
  await ensureFixture('many-faces');
}
