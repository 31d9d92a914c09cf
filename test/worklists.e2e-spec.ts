import { describeWorklists } from './support/worklists-journey';

describeWorklists('SQLite read store', async () => ({}));
