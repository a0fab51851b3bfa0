// Opens the webcam and lists cameras, turning browser failures into coded errors.
import { cameraErrorCode, CodedError, errorDetail } from '../faults/coded-error';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!window.isSecureContext) throw new CodedError('insecure-context', location.origin);
  if (!navigator.mediaDevices?.getUserMedia) throw new CodedError('no-camera-api');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        deviceId: deviceId ? { exact: deviceId } : undefined,
        width: { ideal: 640 },
        height: { ideal: 480 },
        facingMode: deviceId ? undefined : 'user',
      },
    });
  } catch (e) {
    throw new CodedError(cameraErrorCode(e), errorDetail(e));
  }
}

export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
