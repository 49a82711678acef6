/**
 * The member lists of a leading group or task force, printed as a table in the text: a role (组长, 副组长, 成员)
 * and rows of name and post, the name's characters spaced out to line up.
 */
import { labelOf } from './gazette.numbering.js';
import type { BodyLine } from './gazette.outline.js';

/** A member of a leading group or task force: 组长 / 副组长 / 成员. */
export interface Member {
  role: string;
  name: string;
  post: string;
}

/** A list of members, placed after the first `at` paragraphs of its section. */
export interface MemberList {
  at: number;
  rows: Member[];
}

/** The role that opens a member list's rows: 组长：, 副组长：, 成员：. */
export const MEMBER_ROLE = /^(组\s*长|副\s*组\s*长|成\s*员|顾\s*问|秘\s*书\s*长|主\s*任|副\s*主\s*任)\s*[:：]\s*/;

/** One member row ("张 杰 县政府副县长"), or null when the line is not one. */
function memberRow(raw: string): { name: string; post: string } | null {
  const tokens = raw.split(/\s+/).filter(Boolean);
  if (tokens.length < 2) return null;
  // Two-character names are printed with a space between the characters, to line up with three-character ones.
  const [a, b] = tokens;
  const spaced = a.length === 1 && b.length === 1 && tokens.length >= 3;
  const name = spaced ? a + b : a;
  const post = tokens.slice(spaced ? 2 : 1).join('');
  if (!/^[\u4e00-\u9fa5·]{2,4}$/.test(name) || !post || /[。；]/.test(post)) return null;
  return { name, post };
}

/** The members listed from line `i`, and the first line after the list. */
export function memberList(lines: BodyLine[], i: number): { rows: Member[]; next: number } {
  const rows: Member[] = [];
  let role = '';
  let j = i;
  for (; j < lines.length; j++) {
    let raw = lines[j].raw;
    const r = MEMBER_ROLE.exec(raw);
    if (r) {
      role = r[1].replace(/\s+/g, '');
      raw = raw.slice(r[0].length);
    }
    const row = memberRow(raw);
    if (row) {
      rows.push({ role, ...row });
      continue;
    }
    // A post that wraps: a short piece without a sentence in it.
    const piece = lines[j].text;
    if (!r && rows.length && piece.length <= 12 && !/[，。；：]/.test(piece) && !labelOf(piece)) {
      rows[rows.length - 1].post += piece;
      continue;
    }
    break;
  }
  return { rows, next: j };
}
