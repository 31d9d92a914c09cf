import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** Routes of this phase of COMMANDS.md are added here. */
@ApiTags('interception')
@Controller('interception-reports')
export class InterceptionController {}
