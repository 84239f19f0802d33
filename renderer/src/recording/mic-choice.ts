// Which microphone a take records from: the one the person chose, while it is connected; the system
// default until they choose, or when the chosen one is gone (and then they are told). Pure.

export interface InputDevice {
  deviceId: string;
  label: string;
}

/** The chosen device is remembered under this localStorage key (its deviceId and, to name it when gone, its label). */
export const MIC_STORAGE_KEY = 'rehearse.microphone';

export interface SavedMic {
  deviceId: string;
  label: string;
}

export type MicResolution =
  /** `missing`: a device was chosen but is not connected, so the default is used and the person is told. */
  { use: 'default'; missing?: SavedMic } | { use: 'chosen'; deviceId: string; label: string };

/** The "default" and "communications" entries Chromium lists are aliases, not devices to choose twice. */
export function choosableInputs(devices: readonly InputDevice[]): InputDevice[] {
  return devices.filter((device) => device.deviceId !== '' && device.deviceId !== 'default' && device.deviceId !== 'communications');
}

export function resolveMic(saved: SavedMic | null, connected: readonly InputDevice[]): MicResolution {
  if (!saved) return { use: 'default' };
  const device = connected.find((d) => d.deviceId === saved.deviceId);
  return device ? { use: 'chosen', deviceId: device.deviceId, label: device.label || saved.label } : { use: 'default', missing: saved };
}

/** Reads what was remembered; anything malformed counts as "not chosen". */
export function parseSavedMic(raw: string | null): SavedMic | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && 'deviceId' in value && 'label' in value) {
      const { deviceId, label } = value as Record<string, unknown>;
      if (typeof deviceId === 'string' && deviceId !== '' && typeof label === 'string') return { deviceId, label };
    }
  } catch {
    // Not JSON: treated as never chosen.
  }
  return null;
}

export function missingMicMessage(missing: SavedMic): string {
  return `The microphone you chose${missing.label ? ` (${missing.label})` : ''} is not connected, so this take records from the system default.`;
}
