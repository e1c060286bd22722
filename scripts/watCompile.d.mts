export function watBase64(name: string, wat: string): Promise<string>;
