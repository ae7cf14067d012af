/**
 * Audible scan feedback. Clerks scan while looking at the goods, not the screen, so a short
 * high beep means "taken" and a low double buzz means "look at the screen". Generated with
 * WebAudio so there are no audio files to ship; silently does nothing where audio is unavailable.
 */

type AudioContextCtor = new () => AudioContext;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor: AudioContextCtor | undefined =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

function tone(ctx: AudioContext, startAt: number, frequency: number, seconds: number, type: OscillatorType, volume: number) {
  const oscillator = ctx.createOscillator();
  const gain = ctx.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  // A short ramp in and out avoids the click of a hard edge.
  gain.gain.setValueAtTime(0, startAt);
  gain.gain.linearRampToValueAtTime(volume, startAt + 0.01);
  gain.gain.setValueAtTime(volume, startAt + seconds - 0.02);
  gain.gain.linearRampToValueAtTime(0, startAt + seconds);
  oscillator.connect(gain).connect(ctx.destination);
  oscillator.start(startAt);
  oscillator.stop(startAt + seconds + 0.01);
}

export function scanBeep(kind: 'ok' | 'error'): void {
  const ctx = audio();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume();
    const now = ctx.currentTime;
    if (kind === 'ok') {
      tone(ctx, now, 1320, 0.08, 'sine', 0.25);
    } else {
      tone(ctx, now, 220, 0.16, 'square', 0.18);
      tone(ctx, now + 0.22, 180, 0.22, 'square', 0.18);
    }
  } catch {
    // Feedback is a nicety; never let it break a scan.
  }
}
