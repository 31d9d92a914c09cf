import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** Routes of this phase of COMMANDS.md are added here. */
@ApiTags('justice')
@Controller('cases/:caseId')
export class JusticeController {}
