// One colour per emotion, always shown together with its name (never colour alone).
const KNOWN: Record<string, string> = {
  angry: '#e5484d',
  disgust: '#46a758',
  fear: '#8e4ec6',
  happy: '#f5d90a',
  sad: '#3e63dd',
  surprise: '#f76b15',
  neutral: '#9ba1a6',
  contempt: '#a18072',
  // Near white: told apart from neutral's grey in the class-mood timeline and legend.
  uncertain: '#eceef0',
};

const FALLBACK = ['#12a594', '#d6409f', '#0090ff', '#ffc53d', '#7c66dc', '#5bb98b', '#e54666', '#978365'];

export function labelColor(label: string, index = 0): string {
  return KNOWN[label.toLowerCase()] ?? FALLBACK[index % FALLBACK.length];
}
