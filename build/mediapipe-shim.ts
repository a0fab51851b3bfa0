// @tensorflow-models/face-detection imports @mediapipe/face_detection for its 'mediapipe' runtime,
// which this app never uses (it runs the 'tfjs' runtime on our own model files). That package is a
// classic script without ES exports, so the bundler gets this stand-in instead.
export class FaceDetection {
  constructor() {
    throw new Error('The MediaPipe runtime is not bundled in this app: use the tfjs runtime.');
  }
}
export const VERSION = 'not-bundled';
