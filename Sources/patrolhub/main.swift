import Foundation
import PatrolHub

exit(HubCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
