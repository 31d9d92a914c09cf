export * from './projection';
export * from './inbox/inbox.projection';
