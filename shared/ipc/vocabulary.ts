/** Word lists shared by the contract and the renderer, dependency-free so the renderer does not bundle zod. */
export const LEAK_FIELDS = ['name', 'name_kana', 'email', 'phone', 'postal_code', 'address', 'birth_date', 'company'] as const;
export const ENCODINGS = ['auto', 'utf-8', 'shift_jis', 'euc-jp'] as const;
