import { describe, expect, it } from 'vitest';
import { backendOrder, isSoftwareRenderer, parseBackendPreference, parseTfjsFlags } from './preference';

describe('isSoftwareRenderer', () => {
  it('recognises software GL renderers', () => {
    for (const r of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa OffScreen',
      'Microsoft Basic Render Driver',
      'softpipe',
    ]) {
      expect(isSoftwareRenderer(r), r).toBe(true);
    }
  });
  it('leaves real GPUs alone', () => {
    for (const r of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Apple M1', 'Mali-G78', 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)']) {
      expect(isSoftwareRenderer(r), r).toBe(false);
    }
  });
});

describe('backendOrder', () => {
  it('puts WASM first on software GL and WebGL first on a GPU', () => {
    expect(backendOrder('auto', 'Google SwiftShader').order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder('auto', 'Apple M1').order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('auto', undefined).order).toEqual(['wasm', 'cpu']);
  });
  it('honours a forced backend and keeps the others as fallbacks', () => {
    expect(backendOrder('cpu', 'Apple M1')).toEqual({ order: ['cpu', 'webgl', 'wasm'], reason: 'forced by ?backend=' });
    expect(backendOrder('webgl', 'Google SwiftShader').order[0]).toBe('webgl');
  });
});

describe('parseBackendPreference', () => {
  it('accepts known names and falls back to auto', () => {
    expect(parseBackendPreference('wasm')).toBe('wasm');
    expect(parseBackendPreference('WebGPU')).toBe('auto');
    expect(parseBackendPreference(null)).toBe('auto');
  });
});

describe('parseTfjsFlags', () => {
  it('reads booleans and numbers and skips malformed parts', () => {
    expect(parseTfjsFlags('WEBGL_PACK:false, WEBGL_CPU_FORWARD:true,WEBGL_FLUSH_THRESHOLD:-1,BROKEN,X:abc')).toEqual({
      WEBGL_PACK: false,
      WEBGL_CPU_FORWARD: true,
      WEBGL_FLUSH_THRESHOLD: -1,
    });
    expect(parseTfjsFlags(null)).toEqual({});
    expect(parseTfjsFlags('')).toEqual({});
  });
});
