// The section's directives (:::logo-band, :::qr) as blocks. Templates only: content may not use them.
import type { LogoBandBlock, QrBlock } from './tree.js';

export function sectionBlock(name: 'logo-band' | 'qr', a: Record<string, string>): LogoBandBlock | QrBlock {
  if (name === 'qr') return { type: 'qr', url: a.url ?? '', ...(a.label ? { label: a.label } : {}), size: a.size ? Number(a.size) : 72 };
  return { type: 'logo-band', ...(a.src ? { src: a.src } : {}), name: a.name ?? '', ...(a.contact ? { contact: a.contact } : {}), accent: a.accent ?? '#1a1a1a' };
}
