// The page's side of the worker: requests by id, answered by promises.
/* global WORKER_SOURCE */

export class CheckerClient {
  constructor(onCrash) {
    // The worker comes from a Blob made of the bundled source: a worker script loaded from
    // file:// is refused by Chromium, a Blob URL works from file:// and from any host.
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    this.worker = new Worker(url);
    URL.revokeObjectURL(url);
    this.next = 1;
    this.pending = new Map();
    this.worker.onmessage = (e) => {
      const { id, ok, value, ms } = e.data;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (ok) p.resolve(ms === undefined ? value : { value, ms });
      else p.reject(new Error(value));
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      const err = new Error(e.message || "worker error");
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      onCrash(err);
    };
  }

  /** Sends a request; resolves with `{value, ms}` (ms: the time the worker spent on it). */
  send(type, payload = {}, transfer = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  /** Sends a request; resolves with its value alone. */
  async call(type, payload = {}, transfer = []) {
    return (await this.send(type, payload, transfer)).value;
  }
}
