import { describeNunukanJourney } from './support/nunukan-journey';

describeNunukanJourney('SQLite event store', async () => ({}));
