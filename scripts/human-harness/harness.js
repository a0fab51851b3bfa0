// The comparison side of `npm run bench:human`: @vladmandic/human 3.3.6 configured for face
// detection and emotion only (the reference), every camera frame fully processed
// (cacheSensitivity 0: no frame-skipping cache), timed per frame like our own bench.
import { Human } from '/human/human.esm.js';

const q = new URLSearchParams(location.search);
const config = {
  backend: q.get('backend') ?? 'wasm',
  modelBasePath: '/models/',
  wasmPath: '/wasm/',
  debug: false,
  async: true,
  warmup: 'none',
  cacheSensitivity: 0,
  filter: { enabled: false },
  gesture: { enabled: false },
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 10, minConfidence: 0.5, return: false },
    mesh: { enabled: false },
    iris: { enabled: false },
    attention: { enabled: false },
    description: { enabled: false },
    emotion: { enabled: true },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
};
const human = new Human(config);
window.timings = [];
window.firstResultMs = undefined;
const video = document.getElementById('v');
video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
await video.play();
await human.load();
window.backendInfo = `${human.tf.getBackend()} (tfjs ${human.tf.version_core})`;
let frame = 0;
const tick = async () => {
  const t0 = performance.now();
  const r = await human.detect(video);
  const t1 = performance.now();
  const faces = r.face.filter((f) => f.emotion && f.emotion.length);
  if (faces.length && window.firstResultMs === undefined) window.firstResultMs = t1;
  window.timings.push({ frame: frame++, totalMs: t1 - t0, endMs: t1, faces: faces.length, tensors: human.tf.memory().numTensors });
  video.requestVideoFrameCallback(tick);
};
video.requestVideoFrameCallback(tick);
