// The app's own emotion models and the Keras originals they are converted from (npm run models).
// Everything else about them lives in their manifests, written by that command.
import type { Normalization } from './manifest.ts';

export interface SourceModel {
  /** Folder in models/ and id in models/index.json. */
  id: string;
  name: string;
  /** File name in ../shared/keras (MIT, oarriaga/face_classification). */
  sourceFile: string;
  trainedBy: string;
  labels: string[];
  normalization: Normalization;
}

const FER2013 = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

export const OARRIAGA_MODELS: readonly SourceModel[] = [
  {
    id: 'mini-xception',
    name: 'FER2013 mini-Xception emotion CNN',
    sourceFile: 'mini_xception_fer2013.hdf5',
    trainedBy: 'Octavio Arriaga, oarriaga/face_classification (Keras 2.0.5)',
    labels: FER2013,
    normalization: 'minus1to1',
  },
  {
    id: 'big-xception',
    name: 'FER2013 big-Xception emotion CNN',
    sourceFile: 'fer2013_big_XCEPTION.54-0.66.hdf5',
    trainedBy: 'Octavio Arriaga, oarriaga/face_classification (Keras 2.0.5, fer2013_big_XCEPTION.54-0.66)',
    labels: FER2013,
    normalization: 'minus1to1',
  },
];
