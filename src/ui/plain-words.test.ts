import { describe, expect, it } from 'vitest';
import { backendSummary, fromChanceMultiple, qualityReasonWords, smoothingText, sourceWords, toChanceMultiple, uncertainText } from './plain-words';

describe('plain words', () => {
  it('says where the models run without jargon', () => {
    expect(backendSummary('wasm', 'auto: software WebGL (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device)); 1 thread')).toBe(
      "Running on this computer's CPU — no graphics acceleration found",
    );
    expect(backendSummary('wasm', 'auto: no WebGL available')).toBe("Running on this computer's CPU — no graphics acceleration found");
    expect(backendSummary('webgl', 'auto: GPU (Apple M1)')).toBe('Running on the graphics card');
    expect(backendSummary('wasm', 'auto: WebAssembly while the GPU check runs')).toBe("Running on this computer's CPU while the graphics card is checked");
    expect(backendSummary('wasm', 'forced by ?backend=')).toBe("Running on this computer's CPU, as asked");
    expect(backendSummary('cpu', 'auto: GPU (x); fell back after webgl, wasm failed')).toContain('could not be used');
  });

  it('names smoothing by the weight of each new frame, as the README does', () => {
    expect(smoothingText(0.8)).toBe('each new frame counts 20%');
    expect(smoothingText(0)).toBe('off: every frame shown as it is');
  });

  it('states the uncertain threshold relative to chance for the model’s number of classes', () => {
    expect(uncertainText(0.3, 7)).toBe('below 2.1× chance (30%)');
    expect(uncertainText(0.3, 2)).toBe('below chance (30%): never for a 2-class model');
    expect(uncertainText(0.75, 2)).toBe('below 1.5× chance (75%)');
    expect(uncertainText(0, 7)).toBe('never');
  });

  it('converts between multiples of chance and the absolute threshold the pipeline takes', () => {
    expect(fromChanceMultiple(2, 7)).toBeCloseTo(2 / 7);
    expect(fromChanceMultiple(1.5, 2)).toBeCloseTo(0.75);
    expect(fromChanceMultiple(5, 2)).toBe(0.9); // capped
    expect(toChanceMultiple(fromChanceMultiple(2.5, 8), 8)).toBeCloseTo(2.5);
  });
});

describe('sourceWords', () => {
  it('says what the page reads, and whether it is live', () => {
    expect(sourceWords({ kind: 'image', name: 'party.jpg' })).toEqual({ kind: 'Photo', name: 'party.jpg', live: false });
    expect(sourceWords({ kind: 'camera', name: 'FaceTime HD' })).toEqual({ kind: 'Camera', name: 'FaceTime HD', live: true });
    expect(sourceWords({ kind: 'video', name: 'clip.webm' })?.live).toBe(true);
    expect(sourceWords({ kind: 'demo', name: 'Demo clip (sample photos)' })?.kind).toBe('Demo');
    expect(sourceWords(null)).toBeNull();
  });
});

describe('quality reason in plain words', () => {
  it('says what auto’s choice means for the user, keeping the face count, without milliseconds', () => {
    const cases: [string, string][] = [
      ['auto: 3 faces: balanced takes about 21 ms of a 33 ms frame; best would take 40 ms', '3 faces: the most detailed level this device keeps up with'],
      ['auto: 1 face: best takes about 9 ms of a 33 ms frame (the rest of the frame takes 12 ms)', '1 face: the most detailed level, and this device keeps up'],
      ['auto: 3 faces: even fast takes about 14 ms, more than a 33 ms frame (the rest of the frame takes 27 ms) leaves for it', '3 faces: the quickest level, and still more than this device manages every frame'],
      ['auto: 3 faces: fast takes about 9 ms of a 33 ms frame; balanced would take 30 ms; balanced took 41 ms', '3 faces: the most detailed level this device keeps up with'],
      ['auto: 2 faces: trying best again, expected about 20 ms', '2 faces: trying best again, in case this device now keeps up'],
      ['auto: no face in view: best is ready for the first one', 'no face in view: ready with best for the first one'],
      ["auto: starting with balanced until this device's speed is measured", "a first guess, until this device's speed is measured"],
      ['set to fast', 'as chosen in the settings'],
      ['auto: 3 faces: fast takes about 9 ms of a 33 ms frame; best could not load, so fast', '3 faces: the most detailed level, and this device keeps up (best could not load)'],
    ];
    for (const [reason, words] of cases) {
      expect(qualityReasonWords(reason)).toBe(words);
      expect(qualityReasonWords(reason)).not.toMatch(/\d+ ms/);
    }
  });

  it('for a photo, the starting level is not "until speed is measured"; unknown reasons pass through', () => {
    expect(qualityReasonWords("auto: starting with balanced until this device's speed is measured", false)).toMatch(/photo/);
    expect(qualityReasonWords('Quality "best" could not load; using "fast" instead')).toBe('Quality "best" could not load; using "fast" instead');
  });
});
