import { Tag } from 'antd';
import { useSearchParams } from 'react-router';
import type { SnippetPiece } from './contract';

/** Text with search hits marked. */
export function Highlight({ pieces }: { pieces: SnippetPiece[] }) {
  return (
    <>
      {pieces.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

const TYPE_COLORS: Record<string, string> = { 通知: 'blue', 批复: 'purple', 报告: 'green', 请示: 'orange', 函: 'cyan' };

export function TypeTag({ type }: { type: string }) {
  return <Tag color={TYPE_COLORS[type] ?? 'default'}>{type}</Tag>;
}

export const formatDate = (d: string | null) => (d ? d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, dd) => `${y}年${Number(m)}月${Number(dd)}日`) : '—');

/** The page's filters live in the URL; set some (an empty value removes it) and go back to page 1. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  return { params, set };
}
