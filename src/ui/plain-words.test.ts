import { describe, expect, it } from 'vitest';
import { backendSummary, fromChanceMultiple, smoothingText, sourceWords, toChanceMultiple, uncertainText } from './plain-words';

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
