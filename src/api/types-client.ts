/** Wire types of the client APIs (`/v1/client/*`). */

/** Nomad's AllocFileInfo (`alloc fs`). */
export interface AllocFileInfo {
  Name: string;
  IsDir: boolean;
  Size: number;
  FileMode: string;
  /** RFC 3339 with nanoseconds. */
  ModTime: string;
  ContentType: string;
}
