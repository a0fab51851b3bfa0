// Builds fake-webcam .y4m videos from photos for Chromium's --use-file-for-fake-video-capture.
// Usage: npm run fixture -- <images...> --out file.y4m [--frames-per-image N] [--size WxH] [--fps N] [--fit contain|cover] [--grid]
import { runFixtureCli } from '../src/fixture/cli.ts';

process.exitCode = await runFixtureCli(process.argv.slice(2));
