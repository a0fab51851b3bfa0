// The demo clip's photos, served from public/demo/ (built by build-assets.ts).
export const DEMO_PHOTOS = ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg'] as const;
/** Longest side of the shipped photos: close to the 720 px high demo frame, small to download. */
export const DEMO_MAX_SIDE = 960;
