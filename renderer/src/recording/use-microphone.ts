// The microphone the person chose, remembered in localStorage, and the inputs connected now (by name).
import { useCallback, useEffect, useState } from 'react';
import {
  choosableInputs,
  MIC_STORAGE_KEY,
  parseSavedMic,
  resolveMic,
  type InputDevice,
  type MicResolution,
  type SavedMic,
} from './mic-choice';

async function listInputs(): Promise<InputDevice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return choosableInputs(devices.filter((d) => d.kind === 'audioinput').map((d) => ({ deviceId: d.deviceId, label: d.label })));
}

/** Device names are hidden until the page may use the microphone: ask once, then list them. */
async function listNamedInputs(): Promise<InputDevice[]> {
  const inputs = await listInputs();
  if (inputs.length > 0 && inputs.every((d) => d.label !== '')) return inputs;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    stream.getTracks().forEach((track) => track.stop());
  } catch {
    return inputs;
  }
  return listInputs();
}

function readSaved(): SavedMic | null {
  try {
    return parseSavedMic(localStorage.getItem(MIC_STORAGE_KEY));
  } catch {
    return null;
  }
}

export interface Microphone {
  saved: SavedMic | null;
  /** The connected inputs, once listed (null before). */
  inputs: InputDevice[] | null;
  /** Lists the inputs by name (asks for microphone access if names are hidden). */
  refresh(): Promise<void>;
  /** Remembers a device, or null for the system default. */
  choose(device: InputDevice | null): void;
  /** Which device the next take uses: the chosen one if connected, else the default (with what is missing). */
  resolve(): Promise<MicResolution>;
}

export function useMicrophone(): Microphone {
  const [saved, setSaved] = useState<SavedMic | null>(readSaved);
  const [inputs, setInputs] = useState<InputDevice[] | null>(null);

  const refresh = useCallback(async () => setInputs(await listNamedInputs()), []);

  useEffect(() => {
    const devices = navigator.mediaDevices;
    if (!devices || inputs === null) return;
    const onChange = () => void listInputs().then(setInputs);
    devices.addEventListener('devicechange', onChange);
    return () => devices.removeEventListener('devicechange', onChange);
  }, [inputs]);

  const choose = useCallback((device: InputDevice | null) => {
    const next = device ? { deviceId: device.deviceId, label: device.label } : null;
    try {
      if (next) localStorage.setItem(MIC_STORAGE_KEY, JSON.stringify(next));
      else localStorage.removeItem(MIC_STORAGE_KEY);
    } catch {
      // Storage unavailable: the choice holds for this session only.
    }
    setSaved(next);
  }, []);

  const resolve = useCallback(
    async (): Promise<MicResolution> => (saved ? resolveMic(saved, await listInputs()) : { use: 'default' }),
    [saved],
  );

  return { saved, inputs, refresh, choose, resolve };
}
