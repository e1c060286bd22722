export function sgdPathWasmBase64(wat: string): Promise<string>;
