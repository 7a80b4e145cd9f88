// A worker for worker-pool.test.ts whose module fails to load.
throw new Error('this worker cannot start');
