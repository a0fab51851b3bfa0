export { createImage, ImageDecodeError, type RgbaImage } from './types.ts';
export { decodeImage, sniffFormat, readExifOrientation, applyExifOrientation, type ImageFormat } from './decode.ts';
export { resizeBilinear, resizeImage, downscaleBox } from './resize.ts';
export { compose, cropImage, drawImage, fitImage, gridLayout, MID_GRAY, type Fit, type FitOptions, type Layout, type Rect, type Rgba } from './compose.ts';
export { loadImage } from './load.ts';
