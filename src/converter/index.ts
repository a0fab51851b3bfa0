// Public, browser-safe API of the Keras → TensorFlow.js converter. Node code that writes files
// imports saveConverted from './save-node.ts'.
export { convertKeras, type ConversionResult, type ConvertOptions, type KerasFiles } from './convert.ts';
export { convertKerasToFiles, type ConvertedFiles, type OutputFormat } from './to-files.ts';
export { GraphUnsupported } from './graph.ts';
export { foldModel, type FoldReport } from './fold.ts';
export { ConversionError } from './errors.ts';
export { graphModelFiles, modelFiles } from './artifacts.ts';
export { buildManifest, FER2013_LABELS, type ManifestOptions } from './manifest.ts';
export { sniff, type FileKind } from './sniff.ts';
export { SUPPORTED_LAYERS } from './keras-config.ts';
