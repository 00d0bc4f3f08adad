// Class names of the console's form controls, so every page's inputs and buttons look alike.

export const inputClass =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none';
export const selectClass = 'rounded border border-slate-300 bg-white px-1.5 py-1 text-sm';
export const buttonClass =
  'rounded border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-50';
export const primaryButtonClass =
  'rounded bg-indigo-600 px-3 py-1 font-medium text-sm text-white hover:bg-indigo-700 disabled:opacity-50';
export const dangerButtonClass =
  'rounded border border-red-200 bg-white px-2 py-0.5 text-red-700 text-xs hover:bg-red-50 disabled:opacity-50';
export const linkClass = 'text-indigo-700 hover:underline';
/** Column headers of the dense tables. */
export const headClass = 'sticky top-0 z-10 bg-slate-100 text-slate-600 text-xs';
