// What the "Use my model" form prefills and how it reads the user's answers. The manifest itself is
// built by the converter's buildManifest, the same code as `npm run convert`.
import { FER2013_LABELS } from '../converter/manifest';

/** FER2013's order for 7 outputs (what nearly all FER2013 models use), otherwise "class 1..N". */
export function prefillLabels(outputClasses: number): string[] {
  return outputClasses === FER2013_LABELS.length
    ? [...FER2013_LABELS]
    : Array.from({ length: outputClasses }, (_, i) => `class ${i + 1}`);
}

/** "a, b ,c" → ["a", "b", "c"]; empty items dropped. */
export function parseLabelList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
