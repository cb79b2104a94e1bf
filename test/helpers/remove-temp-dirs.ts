// Setup file: every test file leaves no temporary directories behind.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs';

afterAll(removeTempDirs);
