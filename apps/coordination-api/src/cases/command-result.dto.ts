import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What a command answers: the stream's new revision (also the ETag) and the events it wrote. */
export class CommandResultDto {
  @ApiProperty({ description: 'The case (or interception report) the command acted on' }) id!: string;
  @ApiProperty({ description: 'Revision after the command; send it back as If-Match', example: 4 }) revision!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Ids of the events this command wrote (the same on a retry)' }) eventIds!: string[];
  @ApiProperty({
    deprecated: true,
    description:
      'Always false: a retry gets the first answer byte for byte (the same body, ETag and Location), told apart only by the ' +
      '`Idempotent-Replayed: true` header',
  })
  replayed!: boolean;
  @ApiPropertyOptional({ description: 'Id of the resource the command created (referral, victim, consent, ...)' }) resourceId?: string;
  @ApiPropertyOptional({ description: 'What the caller must know about what it just did (an erasure cannot be undone)' }) notice?: string;
}
